// The scenario's own details as a form: what officers see (title, summary), its module, the
// prisoner, where the conversation starts, and the variables with their start values.
import { Select, Textarea, TextInput } from "~/components/fields";
import { type ScenarioForm } from "~/domain/scenario/editor/form-model";
import { fieldsOf, NodeLevelFindings, type FieldState } from "./editor-fields";
import { nodeLabel } from "./node-editor";

export function ScenarioDetailsFields({
  form,
  modules,
  state,
}: {
  form: ScenarioForm;
  modules: { id: string; title: string }[];
  state: FieldState;
}) {
  const f = fieldsOf(state);
  const moduleIds = modules.map((m) => m.id);
  const nodeIds = form.nodes.map((n) => n.id);
  return (
    <>
      <button type="submit" name="intent" value="save" hidden>
        Save
      </button>
      <NodeLevelFindings name="scenario" f={f} anchor />
      <NodeLevelFindings name="nodes" f={f} anchor />
      <NodeLevelFindings name="persona" f={f} anchor />
      <TextInput
        {...f.at(["id"], form.id)}
        label="Scenario id"
        hint="It names the scenario in addresses and reports, and cannot change."
        readOnly
        className="govuk-!-width-one-half"
      />
      <TextInput {...f.at(["title"], form.title)} label="Title officers see" />
      <Textarea
        {...f.at(["summary"], form.summary)}
        label="What the conversation is about"
        hint="One or two sentences officers read before they start: who he is and what the conversation is about."
        rows={3}
      />
      <Select
        {...f.select(["module"], form.module)}
        label="Module"
        options={[
          ...f.extraOptions(["module"], form.module, moduleIds, "Choose a module", "(not a module)"),
          ...modules.map((m) => ({ value: m.id, label: m.title })),
        ]}
      />
      <TextInput
        {...f.at(["persona", "name"], form.persona.name)}
        label="The prisoner's first name"
        hint="An invented name, never a real person's."
        className="govuk-!-width-one-half"
      />
      <Textarea
        {...f.at(["persona", "background"], form.persona.background)}
        label="His background"
        hint="Age, sentence, job on the wing, family, and where he stands on the programme. Invented."
        rows={3}
      />
      <Textarea
        {...f.at(["persona", "voice"], form.persona.voice)}
        label="How he talks (optional)"
        hint="For writers only; officers never see it. At ease, anxious, angry and guarded: his own words, and the ones he never uses."
        rows={3}
      />
      <Select
        {...f.select(["start"], form.start)}
        label="The first node"
        hint="Where the conversation starts."
        options={[
          ...f.extraOptions(["start"], form.start, nodeIds, "Choose the first node", "(there is no node with this id)"),
          ...form.nodes.map((n) => ({ value: n.id, label: nodeLabel(n) })),
        ]}
      />
      <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" id="field-variables">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
          <h2 className="govuk-fieldset__heading">Variables</h2>
        </legend>
        <div className="govuk-hint">
          Whole-number counters, such as rapport, that options change and conditions check. Each starts at its value.
        </div>
        <NodeLevelFindings name="variables" f={f} />
        {form.variables.map((v) => (
          <div key={v.name} className="app-filter-row">
            <TextInput
              {...f.at(["variables", v.name], v.value)}
              label={`${v.name} starts at`}
              inputMode="numeric"
              autoComplete="off"
              className="govuk-input--width-4"
            />
            <button
              type="submit"
              name="intent"
              value={`delete-variable:${v.name}`}
              className="govuk-button govuk-button--warning"
            >
              Remove<span className="govuk-visually-hidden"> {v.name}</span>
            </button>
          </div>
        ))}
        <div className="app-filter-row">
          <TextInput
            {...f.named("variable.name", "")}
            label="New variable"
            hint="Like rapport or trust."
            spellCheck={false}
            autoComplete="off"
            className="govuk-input--width-10"
          />
          <TextInput
            {...f.named("variable.value", "0")}
            label="Starts at"
            inputMode="numeric"
            autoComplete="off"
            className="govuk-input--width-4"
          />
          <button type="submit" name="intent" value="add-variable" className="govuk-button govuk-button--secondary">
            Add the variable
          </button>
        </div>
      </fieldset>
      <button type="submit" name="intent" value="save" className="govuk-button">
        Save details
      </button>
    </>
  );
}
