// The fields shared by the create-user and edit-user forms.
import { Radios, Select, TextInput } from "~/components/fields";
import { ROLES } from "~/admin/roles";

export interface PlaceOptions {
  establishments: { value: string; label: string }[];
  units: { value: string; label: string }[];
}

export function UserPlacementFields({
  places,
  values,
  errors,
}: {
  places: PlaceOptions;
  values: { displayName?: string; email?: string; role?: string; establishmentId?: string; unitId?: string };
  errors?: Record<string, string>;
}) {
  return (
    <>
      <TextInput
        name="displayName"
        label="Full name"
        autoComplete="off"
        defaultValue={values.displayName}
        error={errors?.displayName}
      />
      <TextInput
        name="email"
        type="email"
        label="Email address (optional)"
        hint="Where Engage sends reminders"
        autoComplete="off"
        spellCheck={false}
        defaultValue={values.email}
        error={errors?.email}
      />
      <Radios
        name="role"
        legend="Role"
        options={ROLES.map((r) => ({ value: r.value, label: r.label, hint: r.hint }))}
        defaultValue={values.role}
        error={errors?.role}
      />
      <Select
        name="establishmentId"
        label="Prison"
        hint="Administrators may have no prison"
        options={[{ value: "", label: "No prison" }, ...places.establishments]}
        defaultValue={values.establishmentId ?? ""}
        error={errors?.establishmentId}
      />
      <Select
        name="unitId"
        label="Wing or team"
        hint="Required for officers; it must be in the chosen prison"
        options={[{ value: "", label: "None" }, ...places.units]}
        defaultValue={values.unitId ?? ""}
        error={errors?.unitId}
      />
    </>
  );
}
