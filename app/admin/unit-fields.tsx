// The fields of a wing or team, for the add form and the rename form.
import { Radios, TextInput } from "~/components/fields";

export function UnitFields({
  nameLabel,
  hint,
  values,
  errors = {},
  idPrefix,
}: {
  nameLabel: string;
  hint?: string;
  values: { name?: string; kind?: string };
  errors?: Record<string, string>;
  idPrefix?: string;
}) {
  return (
    <>
      <TextInput
        name="name"
        label={nameLabel}
        hint={hint}
        defaultValue={values.name}
        error={errors.name}
        className="govuk-input--width-20"
        idPrefix={idPrefix}
      />
      <Radios
        name="kind"
        legend="Kind"
        small
        options={[
          { value: "wing", label: "Wing" },
          { value: "team", label: "Team" },
        ]}
        defaultValue={values.kind ?? "wing"}
        error={errors.kind}
        idPrefix={idPrefix}
      />
    </>
  );
}
