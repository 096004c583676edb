// The title and summary fields of a module, for adding one and for rewording one. Client-safe.
import { Textarea, TextInput } from "~/components/fields";

export const MODULE_TITLE_MAX = 100;
export const MODULE_SUMMARY_MAX = 300;

export function ModuleWordsFields({
  values,
  errors,
}: {
  values: { title?: string; summary?: string };
  errors: Record<string, string>;
}) {
  return (
    <>
      <TextInput
        name="title"
        label="Title"
        hint="What officers see in their list of modules. Plain words, like “Listening on the landing”."
        error={errors.title}
        defaultValue={values.title}
        maxLength={MODULE_TITLE_MAX}
        spellCheck
      />
      <Textarea
        name="summary"
        label="Summary"
        hint={`One or two sentences on what officers practise in it (up to ${MODULE_SUMMARY_MAX} characters).`}
        error={errors.summary}
        defaultValue={values.summary}
        rows={3}
        spellCheck
      />
    </>
  );
}
