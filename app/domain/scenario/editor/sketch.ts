/**
 * A scenario as far as a draft with errors allows: what the map needs (nodes, their kinds and
 * talk, where each option leads) taken from the form model, with stand-ins where a field is
 * missing or unknown. So the map beside the form still shows the conversation, and its broken
 * links, while an option or a node is half written. Never compiled or played.
 */
import { isMiCode, OUTCOMES, TALK_TYPES, type Outcome, type TalkType } from "../../mi-codes";
import type { Goto, Scenario, ScenarioNode } from "../schema";
import type { GotoForm, ScenarioForm } from "./form-model";

export function sketchOf(form: ScenarioForm): Scenario {
  const nodes: Record<string, ScenarioNode> = {};
  for (const n of form.nodes) {
    const node: ScenarioNode = {
      prisoner: n.prisoner ?? "",
      talk: (TALK_TYPES as readonly string[]).includes(n.talk ?? "") ? (n.talk as TalkType) : "neutral",
    };
    const kind = n.kinds[0];
    if (kind === "ending")
      node.ending = {
        outcome: (OUTCOMES as readonly string[]).includes(n.ending?.outcome ?? "")
          ? (n.ending!.outcome as Outcome)
          : "undecided",
        label: n.ending?.label ?? "",
      };
    else if (kind === "write")
      node.write = { prompt: n.write?.prompt ?? "", goto: gotoOf(n.write?.goto ?? null) ?? [] };
    else if (kind === "choices")
      node.choices = n.choices.flatMap((c, i) => {
        const goto = gotoOf(c.goto);
        return goto
          ? [
              {
                id: c.id ?? `option-${i + 1}`,
                say: c.say ?? "",
                mi: isMiCode(c.mi) ? c.mi : "giving_information",
                goto,
              },
            ]
          : [];
      });
    nodes[n.id] = node;
  }
  return {
    id: form.id ?? "",
    title: form.title ?? "",
    module: form.module ?? "",
    summary: form.summary ?? "",
    persona: { name: form.persona.name ?? "", background: form.persona.background ?? "" },
    start: form.start ?? form.nodes[0]?.id ?? "",
    nodes,
  };
}

function gotoOf(goto: GotoForm | null): Goto | null {
  const branches = (goto?.branches ?? []).filter((b): b is { if: string | null; node: string } => b.node !== null);
  if (branches.length === 0) return null;
  if (branches.length === 1 && branches[0]!.if === null) return branches[0]!.node;
  return branches.map((b) => (b.if === null ? { node: b.node } : { if: b.if, node: b.node }));
}
