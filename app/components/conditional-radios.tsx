// GOV.UK radios that conditionally reveal a related question under an option, as govuk-frontend's
// radios script does (Engage does not run govuk-frontend's JavaScript): with JavaScript only the chosen
// option's question shows, its radio with aria-controls; without it, or before the page has hydrated, every
// question shows, as GOV.UK's do. No aria-expanded: ARIA does not allow it on a radio and axe fails it
// (govuk-frontend keeps it as a known issue, alphagov/govuk-frontend#979). Its own module so that pages
// without a reveal (the officer's play page) do not carry it.
import { useEffect, useRef, useState, type ComponentProps, type ReactNode } from "react";
import { Radios } from "~/components/fields";
import { fieldId } from "~/components/error-summary";

type RadiosProps = ComponentProps<typeof Radios>;

export function ConditionalRadios({
  options,
  ...radios
}: Omit<RadiosProps, "options"> & {
  options: (RadiosProps["options"][number] & { conditional?: ReactNode })[];
}) {
  const group = useRef<HTMLDivElement>(null);
  // null until hydrated: then every question shows, as in the server's HTML.
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => {
    // From the page, not the props: the browser may have restored a choice (going back to the page).
    const checked = group.current?.querySelector<HTMLInputElement>(`input[name="${radios.name}"]:checked`);
    setChosen(checked?.value ?? "");
  }, [radios.name]);
  const id = fieldId(radios.name, radios.idPrefix);
  return (
    <div ref={group}>
      <Radios
        {...radios}
        options={options.map(({ conditional, ...o }) => {
          const onChange = () => setChosen(o.value);
          if (!conditional) return { ...o, input: { onChange } };
          const conditionalId = `conditional-${id}-${o.value}`;
          const hidden = chosen !== null && chosen !== o.value;
          return {
            ...o,
            input: { onChange, "aria-controls": chosen === null ? undefined : conditionalId },
            after: (
              <div
                className={`govuk-radios__conditional${hidden ? " govuk-radios__conditional--hidden" : ""}`}
                id={conditionalId}
              >
                {conditional}
              </div>
            ),
          };
        })}
      />
    </div>
  );
}
