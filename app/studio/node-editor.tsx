/**
 * The form for one node of a scenario: his line, its talk type, what happens next, and each
 * option (what the officer says, its MI code with the plain-words meaning, feedback, effects and
 * where it leads). It renders the inside of one HTML form: every button submits the whole form
 * with an `intent`, so it works without JavaScript and nothing typed is lost when a button is used.
 * Field names are the data paths the validator's findings carry, so each finding sits beside its field.
 */
import type { ReactNode } from "react";
import { fieldId } from "~/components/error-summary";
import { Select, Textarea, TextInput, WarningText, type SelectOption } from "~/components/fields";
import {
  MI_CODE_INFO,
  MI_CODES,
  MI_CODING_RULES,
  OUTCOME_INFO,
  OUTCOMES,
  TALK_TYPE_INFO,
  TALK_TYPES,
} from "~/domain/mi-codes";
import { OPERATOR_WORDS, OPERATORS, parseCondition } from "~/domain/scenario/conditions";
import { effectVariables } from "~/domain/scenario/editor/field-diagnostics";
import {
  fieldName,
  NEW_NODE,
  nodeKind,
  type ChoiceForm,
  type GotoForm,
  type NodeForm,
  type Owner,
  type ScenarioForm,
} from "~/domain/scenario/editor/form-model";
import { INTENT, intentValue, type Intent } from "~/domain/scenario/editor/intents";
import { ChoiceRadios, fieldsOf, NodeLevelFindings, type Fields, type FieldState } from "./editor-fields";

export function NodeEditorFields({ form, node, state }: { form: ScenarioForm; node: NodeForm; state: FieldState }) {
  const f = fieldsOf(state);
  const base = ["nodes", node.id];
  const kind = nodeKind(node);
  return (
    <>
      {/* The first submit button is the one Enter presses: make it "Save", not a button further down. */}
      <button type="submit" name={INTENT} value={intentValue({ kind: "save" })} hidden>
        Save node
      </button>
      <input type="hidden" name="node" value={node.id} />
      <NodeLevelFindings name={fieldName(base)} f={f} anchor />
      <TextInput
        {...f.at([...base, "id"], node.id)}
        label="Node id"
        hint="Lower-case letters, digits and hyphens. Renaming keeps its links."
        spellCheck={false}
        autoComplete="off"
        className="govuk-!-width-one-half"
      />
      <Textarea
        {...f.at([...base, "prisoner"], node.prisoner)}
        label={`What ${form.persona.name || "the prisoner"} says`}
        labelClassName="govuk-label--s"
        hint="One or two short sentences, the way men talk on the wing."
        rows={3}
      />
      <ChoiceRadios
        {...f.radios([...base, "talk"], node.talk)}
        legend="What kind of talk is this?"
        known={TALK_TYPES}
        options={TALK_TYPES.map((t) => ({
          value: t,
          label: TALK_TYPE_INFO[t].label,
          hint: TALK_TYPE_INFO[t].description,
        }))}
        unknownLabel="is not a talk type"
      />
      <ChoiceRadios
        {...f.radios([...base, "kind"], kind)}
        legend="What happens next?"
        hint="Changing this removes what the node had before: its options, written reply or ending."
        known={["choices", "write", "ending"]}
        options={[
          { value: "choices", label: "The officer chooses a reply from options" },
          { value: "write", label: "The officer writes their own reply" },
          { value: "ending", label: "The conversation ends here" },
        ]}
        unknownLabel=""
      />
      {node.kinds.includes("choices") ? <Options form={form} node={node} f={f} /> : null}
      {node.kinds.includes("write") ? (
        <Part name={fieldName([...base, "write"])} title="The officer's written reply" f={f}>
          <Textarea
            {...f.at([...base, "write", "prompt"], node.write?.prompt ?? null)}
            label="Instruction above the officer's text box"
            hint="For example: Write what you would say next. Try a reflection of his worry."
            rows={2}
          />
          <Textarea
            {...f.at([...base, "write", "feedback"], node.write?.feedback ?? null)}
            label="What a good reply does (optional)"
            hint="Shown in practice after the officer submits. Leave it blank for none."
            rows={3}
          />
          <GotoFields form={form} nodeId={node.id} owner="write" goto={node.write?.goto ?? null} f={f} />
        </Part>
      ) : null}
      {node.kinds.includes("ending") ? (
        <Part name={fieldName([...base, "ending"])} title="How it ends" f={f}>
          <ChoiceRadios
            {...f.radios([...base, "ending", "outcome"], node.ending?.outcome ?? null)}
            legend="Outcome"
            known={OUTCOMES}
            options={OUTCOMES.map((o) => ({
              value: o,
              label: OUTCOME_INFO[o].label,
              hint: OUTCOME_INFO[o].description,
            }))}
            unknownLabel="is not an outcome"
          />
          <TextInput
            {...f.at([...base, "ending", "label"], node.ending?.label ?? null)}
            label="What happened, in plain words"
            hint="For example: He agrees to meet the programme team."
          />
        </Part>
      ) : null}
      <div className="govuk-button-group">
        <button type="submit" name={INTENT} value={intentValue({ kind: "save" })} className="govuk-button">
          Save node
        </button>
        <IntentButton intent={{ kind: "duplicate-node" }}>Duplicate this node</IntentButton>
      </div>
    </>
  );
}

/** A part of the node (its written reply, its ending) as a fieldset, with findings about the part as a whole. */
function Part({ name, title, f, children }: { name: string; title: string; f: Fields; children: ReactNode }) {
  return (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" id={fieldId(name)}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
        <h2 className="govuk-fieldset__heading">{title}</h2>
      </legend>
      <NodeLevelFindings name={name} f={f} />
      {children}
    </fieldset>
  );
}

function Options({ form, node, f }: { form: ScenarioForm; node: NodeForm; f: Fields }) {
  const base = ["nodes", node.id, "choices"];
  const variables = form.variables.map((v) => v.name);
  const count = node.choices.length;
  return (
    <section className="govuk-!-margin-bottom-6" aria-labelledby={`options-${node.id}`}>
      <h2 className="govuk-heading-m" id={`options-${node.id}`}>
        Options the officer can choose
      </h2>
      <p className="govuk-hint">3 or 4 is best, never more than 5. At least one should be MI-consistent.</p>
      <MiCodingRules />
      <NodeLevelFindings name={fieldName(base)} f={f} anchor />
      {node.choices.map((choice, i) => (
        <OptionFields
          key={i}
          form={form}
          nodeId={node.id}
          index={i}
          count={count}
          choice={choice}
          variables={variables}
          f={f}
        />
      ))}
      {count === 0 ? <p className="govuk-body">This node has no options yet.</p> : null}
      <IntentButton intent={{ kind: "add-choice" }}>Add an option</IntentButton>
    </section>
  );
}

const MI_RULES_TITLE = "How to choose the MI code";
const MI_RULES_POINTER = `See “${MI_RULES_TITLE}” above the options.`;

/** The coding rules for the cases trainers are unsure of, once above the options rather than beside every option's code. */
function MiCodingRules() {
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{MI_RULES_TITLE}</span>
      </summary>
      <div className="govuk-details__text">
        <p className="govuk-body">An option's MI code is the MITI 4.2.1 code of what the officer says. When unsure:</p>
        <ul className="govuk-list govuk-list--bullet">
          {MI_CODING_RULES.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </div>
    </details>
  );
}

function OptionFields({
  form,
  nodeId,
  index,
  count,
  choice,
  variables,
  f,
}: {
  form: ScenarioForm;
  nodeId: string;
  index: number;
  count: number;
  choice: ChoiceForm;
  variables: string[];
  f: Fields;
}) {
  const at = ["nodes", nodeId, "choices", index];
  const n = index + 1;
  const hidden = (text: string) => <span className="govuk-visually-hidden"> {text}</span>;
  return (
    <fieldset className="govuk-fieldset app-editor-option" id={fieldId(fieldName(at))}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">
        <h3 className="govuk-fieldset__heading">Option {n}</h3>
      </legend>
      <NodeLevelFindings name={fieldName(at)} f={f} />
      <Textarea {...f.at([...at, "say"], choice.say)} label="What the officer says" rows={2} />
      <Select
        {...f.select([...at, "mi"], choice.mi)}
        label="MI code"
        hint={`The MITI 4.2.1 code of what the officer says. ${MI_RULES_POINTER}`}
        options={[
          ...f.extraOptions([...at, "mi"], choice.mi, MI_CODES, "Choose the MI code", "is not an MI code"),
          {
            group: "MI-consistent",
            options: MI_CODES.filter((c) => MI_CODE_INFO[c].isMiConsistentOption).map(miOption),
          },
          { group: "Others", options: MI_CODES.filter((c) => !MI_CODE_INFO[c].isMiConsistentOption).map(miOption) },
        ]}
      />
      <Textarea
        {...f.at([...at, "feedback"], choice.feedback)}
        label="Feedback after this option (optional)"
        hint="Name the behaviour and what it did to the conversation. Shown in practice only."
        rows={2}
      />
      <EffectsFields at={at} choice={choice} variables={variables} f={f} />
      <GotoFields form={form} nodeId={nodeId} owner={index} goto={choice.goto} f={f} />
      <TextInput
        {...f.at([...at, "id"], choice.id)}
        label="Option id"
        hint="Lower-case letters, digits and hyphens, for reports and maps."
        spellCheck={false}
        autoComplete="off"
        className="govuk-!-width-one-half"
      />
      {/* One row of small buttons: full-size ones, stacked on a phone, made each option about 200 px taller. */}
      <div className="app-option-actions">
        {index > 0 ? (
          <IntentButton intent={{ kind: "move-choice", index, to: index - 1 }} small>
            Move up{hidden(`option ${n}`)}
          </IntentButton>
        ) : null}
        {index < count - 1 ? (
          <IntentButton intent={{ kind: "move-choice", index, to: index + 1 }} small>
            Move down{hidden(`option ${n}`)}
          </IntentButton>
        ) : null}
        <IntentButton intent={{ kind: "duplicate-choice", index }} small>
          Duplicate{hidden(`option ${n}`)}
        </IntentButton>
        <IntentButton intent={{ kind: "delete-choice", index }} warning small>
          Delete{hidden(`option ${n}`)}
        </IntentButton>
      </div>
    </fieldset>
  );
}

function EffectsFields({
  at,
  choice,
  variables,
  f,
}: {
  at: (string | number)[];
  choice: ChoiceForm;
  variables: string[];
  f: Fields;
}) {
  const names = effectVariables(choice.effects, variables);
  if (names.length === 0) return null;
  return (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" id={fieldId(fieldName([...at, "effects"]))}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">What this option changes</legend>
      <div className="govuk-hint">
        A whole number added when the officer chooses it, such as 1 or -2. Blank for none.
      </div>
      <NodeLevelFindings name={fieldName([...at, "effects"])} f={f} />
      {names.map((v) => (
        <TextInput
          key={v}
          {...f.at([...at, "effects", v], choice.effects.find((e) => e.variable === v)?.amount ?? null)}
          label={`Change to ${v}`}
          inputMode="numeric"
          autoComplete="off"
          className="govuk-input--width-4"
        />
      ))}
    </fieldset>
  );
}

function GotoFields({
  form,
  nodeId,
  owner,
  goto,
  f,
}: {
  form: ScenarioForm;
  nodeId: string;
  owner: Owner;
  goto: GotoForm | null;
  f: Fields;
}) {
  const at = owner === "write" ? ["nodes", nodeId, "write", "goto"] : ["nodes", nodeId, "choices", owner, "goto"];
  const targets: SelectOption[] = form.nodes.map((n) => ({ value: n.id, label: nodeLabel(n) }));
  const ids = form.nodes.map((n) => n.id);
  const nodeSelect = (j: number, label: string, node: string | null) => (
    <Select
      {...f.select([...at, j, "node"], node)}
      label={label}
      options={[
        ...f.extraOptions([...at, j, "node"], node, ids, "Choose where it leads", "(there is no node with this id)"),
        { group: "Nodes", options: targets },
        { value: NEW_NODE, label: "A new node (write it next)" },
      ]}
    />
  );
  const branches = goto?.branches ?? [{ if: null, node: null }];
  if (!goto?.branching) {
    return (
      <div className="govuk-!-margin-bottom-4">
        <NodeLevelFindings name={fieldName(at)} f={f} anchor />
        {nodeSelect(0, "Where does this lead?", branches[0].node)}
        <IntentButton intent={{ kind: "add-branch", owner }}>Add a condition</IntentButton>
      </div>
    );
  }
  return (
    <fieldset className="govuk-fieldset govuk-!-margin-bottom-4" id={fieldId(fieldName(at))}>
      <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Where does this lead?</legend>
      <div className="govuk-hint">
        Checked from the top: the conversation follows the first branch whose condition holds, after this option's
        changes are added. The last branch is for when none holds.
      </div>
      <NodeLevelFindings name={fieldName(at)} f={f} />
      {branches.map((b, j) => {
        const last = j === branches.length - 1;
        return (
          <div key={j} className="app-editor-branch" id={fieldId(fieldName([...at, j]))}>
            <NodeLevelFindings name={fieldName([...at, j])} f={f} />
            {last && b.if === null ? null : (
              <ConditionFields name={fieldName([...at, j, "if"])} value={b.if} form={form} f={f} />
            )}
            {nodeSelect(j, last && b.if === null ? "Otherwise, it leads to" : "Then it leads to", b.node)}
            {branches.length > 1 ? (
              <IntentButton intent={{ kind: "delete-branch", owner, index: j }} warning>
                Remove this branch<span className="govuk-visually-hidden"> ({j + 1})</span>
              </IntentButton>
            ) : null}
          </div>
        );
      })}
      <IntentButton intent={{ kind: "add-branch", owner }}>Add a condition</IntentButton>
    </fieldset>
  );
}

/** A condition as three plain fields (variable, comparison, number); a condition the form cannot read stays as text. */
function ConditionFields({
  name,
  value,
  form,
  f,
}: {
  name: string;
  value: string | null;
  form: ScenarioForm;
  f: Fields;
}) {
  const typed = f.typed(name);
  const parsed = value === null ? null : parseCondition(value);
  if (value !== null && value.trim() !== "" && !parsed && typed === undefined) {
    return (
      <TextInput
        {...f.named(name, value)}
        label="Condition"
        hint="A variable, a comparison and a whole number, such as rapport >= 2."
        spellCheck={false}
      />
    );
  }
  const variables = form.variables.map((v) => v.name);
  const messages = f.messages(name);
  return (
    <div className={`govuk-form-group${messages.error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={messages.error ? `${fieldId(name)}-error` : undefined}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">If</legend>
        {messages.error ? (
          <p id={`${fieldId(name)}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {messages.error}
          </p>
        ) : null}
        {messages.warning ? <WarningText>{messages.warning}</WarningText> : null}
        <div className="app-filter-row">
          <Select
            name={name}
            label="Variable"
            defaultValue={f.typed(name) ?? parsed?.variable ?? ""}
            options={[
              ...(parsed && !variables.includes(parsed.variable)
                ? [{ value: parsed.variable, label: `${parsed.variable} (not declared)` }]
                : []),
              ...(parsed ? [] : [{ value: "", label: "Choose a variable" }]),
              ...variables.map((v) => ({ value: v, label: v })),
            ]}
          />
          <Select
            name={`${name}.op`}
            label="Comparison"
            defaultValue={f.typed(`${name}.op`) ?? parsed?.op ?? ">="}
            options={OPERATORS.map((op) => ({ value: op, label: OPERATOR_WORDS[op] }))}
          />
          <TextInput
            name={`${name}.value`}
            label="Number"
            defaultValue={f.typed(`${name}.value`) ?? (parsed ? String(parsed.value) : "")}
            inputMode="numeric"
            autoComplete="off"
            className="govuk-input--width-4"
          />
        </div>
      </fieldset>
    </div>
  );
}

function IntentButton({
  intent,
  warning,
  small,
  children,
}: {
  intent: Intent;
  warning?: boolean;
  /** one of a row of actions (app-option-actions) */
  small?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="submit"
      name={INTENT}
      value={intentValue(intent)}
      className={`govuk-button ${warning ? "govuk-button--warning" : "govuk-button--secondary"} ${small ? "app-button--small" : "govuk-!-margin-bottom-3"}`}
    >
      {children}
    </button>
  );
}

const miOption = (code: (typeof MI_CODES)[number]): SelectOption => ({
  value: code,
  label: `${MI_CODE_INFO[code].label}: ${MI_CODE_INFO[code].description}`,
});

/** How a node reads in a list: its id and the start of his line, so trainers recognise it. */
export function nodeLabel(node: NodeForm): string {
  const line = node.prisoner?.trim() ?? "";
  return line ? `${node.id}: "${line.length > 50 ? `${line.slice(0, 49)}…` : line}"` : node.id;
}
