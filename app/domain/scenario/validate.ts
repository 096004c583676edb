/**
 * Graph and meaning checks on a scenario that already matches the schema. Each check points at
 * the YAML a trainer has to change: a bad goto at the goto value, an unreachable node at its id.
 */
import { MI_CODE_INFO } from "../mi-codes";
import { findDeadBranches } from "./branches";
import { parseCondition } from "./conditions";
import { didYouMean, diagnostic, type Diagnostic, type DiagnosticCode, type DiagnosticFacts } from "./diagnostics";
import { buildGraph, canReach, endingIds, gotoTargets, nodeGotos, reachableFrom, reverseGraph } from "./graph";
import type { YamlLocator } from "./parse";
import type { Scenario } from "./schema";
import { findSharedReplies, SHARED_REPLY_WARNING_CODES } from "./shared-replies";

const MAX_CHOICES = 5;

export interface ValidateOptions {
  file?: string;
  /** Known module ids; when given, `module` must be one of them. */
  moduleIds?: readonly string[];
}

export function validateScenario(
  scenario: Scenario,
  locator: YamlLocator,
  options: ValidateOptions = {},
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { file } = options;
  const report = (
    code: DiagnosticCode,
    message: string,
    path: PropertyKey[],
    which: "key" | "value" = "value",
    nodeId?: string,
    more: More = {},
  ) => out.push(diagnostic(code, message, locator.find(path, which), { file, nodeId, path, ...more }));
  const nodeIds = Object.keys(scenario.nodes);
  const declared = new Set(Object.keys(scenario.variables ?? {}));

  // The file name is the id, so links and the library stay unambiguous.
  const base = file?.split(/[\\/]/).pop();
  if (base && /\.ya?ml$/.test(base)) {
    const expected = base.replace(/\.ya?ml$/, "");
    if (expected !== scenario.id)
      report(
        "id-mismatch",
        `The id is '${scenario.id}' but the file is called '${base}'. Make them the same (id '${expected}', or rename the file).`,
        ["id"],
        "value",
        undefined,
        { facts: { file: base } },
      );
  }
  if (options.moduleIds && !options.moduleIds.includes(scenario.module)) {
    report(
      "unknown-module",
      `There is no module called '${scenario.module}' in modules.yaml.${didYouMean(scenario.module, options.moduleIds)}`,
      ["module"],
    );
  }
  if (!Object.hasOwn(scenario.nodes, scenario.start)) {
    report(
      "start-missing",
      `'start' is '${scenario.start}', but there is no node called '${scenario.start}'.${didYouMean(scenario.start, nodeIds)}`,
      ["start"],
    );
  }

  for (const [id, node] of Object.entries(scenario.nodes)) {
    const at = (rest: PropertyKey[]): PropertyKey[] => ["nodes", id, ...rest];
    const kinds = [node.choices, node.write, node.ending].filter((k) => k !== undefined).length;
    if (node.ending && (node.choices || node.write)) {
      report(
        "ending-with-choices",
        `Node '${id}' is an ending, so it cannot also have ${node.choices ? "choices" : "a write"}. Remove one.`,
        at([node.choices ? "choices" : "write"]),
        "key",
        id,
      );
    } else if (node.choices && node.write) {
      report(
        "choices-and-write",
        `Node '${id}' has both choices and a write. A node is one or the other: split it into two nodes.`,
        at(["write"]),
        "key",
        id,
      );
    } else if (kinds === 0 || (node.choices && node.choices.length === 0 && !node.write)) {
      report(
        "dead-end",
        `Node '${id}' is not an ending but has no choices and no write, so the conversation stops dead. Add choices, a write, or an ending.`,
        at([]),
        "key",
        id,
      );
    }

    // Choices: ids, texts, pedagogy.
    const choices = node.choices ?? [];
    const seenIds = new Map<string, number>();
    const seenTexts = new Map<string, number>();
    choices.forEach((choice, i) => {
      if (seenIds.has(choice.id)) {
        report(
          "duplicate-choice",
          `Node '${id}' has two choices with the id '${choice.id}'. Give each choice its own id.`,
          at(["choices", i, "id"]),
          "value",
          id,
          { related: [at(["choices", seenIds.get(choice.id)!])] },
        );
      }
      seenIds.set(choice.id, i);
      const textKey = choice.say.trim().toLowerCase().replace(/\s+/g, " ");
      const earlier = seenTexts.get(textKey);
      if (earlier !== undefined) {
        report(
          "duplicate-choice-text",
          `Choices '${choices[earlier]!.id}' and '${choice.id}' in node '${id}' say the same thing. Make each option different.`,
          at(["choices", i, "say"]),
          "value",
          id,
          { related: [at(["choices", earlier])] },
        );
      } else seenTexts.set(textKey, i);
      // Practice mode teaches with the feedback after each choice: without it the officer learns nothing from this one.
      // Its line is the option's id (the field is missing); its path is the field, where the form asks for it.
      if (choice.feedback === undefined)
        out.push(
          diagnostic(
            "choice-without-feedback",
            `Option '${choice.id}' at '${id}' has no feedback: practice mode shows officers nothing after choosing it.`,
            locator.find(at(["choices", i, "id"]), "key"),
            { file, nodeId: id, path: at(["choices", i, "feedback"]) },
          ),
        );
      for (const variable of Object.keys(choice.effects ?? {})) {
        if (!declared.has(variable)) {
          report(
            "undeclared-variable",
            `Choice '${choice.id}' in node '${id}' changes '${variable}', which is not declared under 'variables'.${didYouMean(variable, declared)}`,
            at(["choices", i, "effects", variable]),
            "key",
            id,
            { facts: { variable } },
          );
        }
      }
    });
    if (choices.length > MAX_CHOICES) {
      report(
        "too-many-choices",
        `Node '${id}' has ${choices.length} choices. Keep it to ${MAX_CHOICES} or fewer (3 or 4 is best) so officers can weigh them.`,
        at(["choices"]),
        "key",
        id,
      );
    }
    if (choices.length > 0 && !node.ending && !choices.some((c) => MI_CODE_INFO[c.mi].isMiConsistentOption)) {
      report(
        "no-mi-consistent-option",
        `Node '${id}' offers no MI-consistent option. Add a reflection, affirmation, open question, seeking collaboration or emphasising autonomy.`,
        at(["choices"]),
        "key",
        id,
      );
    }

    // Gotos: targets exist, conditions are well formed, branches end with a fallback.
    for (const { goto, path } of nodeGotos(node)) {
      const where =
        path[0] === "write"
          ? `The write in node '${id}'`
          : `Choice '${choices[path[1] as number]?.id}' in node '${id}'`;
      if (typeof goto === "string") {
        if (!Object.hasOwn(scenario.nodes, goto))
          report(
            "goto-unknown-node",
            `${where} goes to '${goto}', but there is no node called '${goto}'.${didYouMean(goto, nodeIds)}`,
            at(path),
            "value",
            id,
          );
        continue;
      }
      goto.forEach((entry, j) => {
        if (!Object.hasOwn(scenario.nodes, entry.node)) {
          report(
            "goto-unknown-node",
            `${where} goes to '${entry.node}', but there is no node called '${entry.node}'.${didYouMean(entry.node, nodeIds)}`,
            at([...path, j, "node"]),
            "value",
            id,
          );
        }
        const isLast = j === goto.length - 1;
        if (entry.if === undefined) {
          if (!isLast)
            report(
              "bad-condition",
              `${where}: only the last goto entry may have no 'if'; the entries after entry ${j + 1} would never be used.`,
              at([...path, j]),
              "value",
              id,
            );
          return;
        }
        const condition = parseCondition(entry.if);
        if (!condition) {
          report(
            "bad-condition",
            `${where}: the condition '${entry.if}' is not understood. Write a variable, a comparison (==, !=, <, <=, >, >=) and a whole number, e.g. 'rapport >= 1'.`,
            at([...path, j, "if"]),
            "value",
            id,
          );
        } else if (!declared.has(condition.variable)) {
          report(
            "undeclared-variable",
            `${where} checks '${condition.variable}', which is not declared under 'variables'.${didYouMean(condition.variable, declared)}`,
            at([...path, j, "if"]),
            "value",
            id,
            { facts: { variable: condition.variable } },
          );
        }
        if (isLast) {
          report(
            "goto-no-fallback",
            `${where}: the last goto entry has a condition, so nothing happens when no condition holds. Remove the 'if' from the last entry.`,
            at([...path, j]),
            "value",
            id,
          );
        }
      });
    }
  }

  checkGraph(scenario, out, report);
  checkSharedReplies(scenario, report);
  // Only on an otherwise sound graph: on a broken one the play-through would mislead.
  if (!out.some((d) => d.severity === "error")) checkBranches(scenario, report);
  return out;
}

function checkBranches(scenario: Scenario, report: Report): void {
  for (const branch of findDeadBranches(scenario) ?? []) {
    const where = branch.choiceId
      ? `choice '${branch.choiceId}' in node '${branch.nodeId}'`
      : `the write in node '${branch.nodeId}'`;
    const which = branch.conditional
      ? `The branch of ${where} to '${branch.target}'`
      : `The last branch of ${where} (to '${branch.target}', when no condition holds)`;
    report(
      "branch-never-taken",
      `${which} is never taken: whichever way the officer gets here, the variables decide otherwise${branch.targetNeverReached ? `, so node '${branch.target}' is never seen` : ""}. Check the conditions and the effects on the way here.`,
      branch.path,
      "value",
      branch.nodeId,
      { facts: { target: branch.target, unseen: branch.targetNeverReached } },
    );
  }
}

function checkSharedReplies(scenario: Scenario, report: Report): void {
  for (const shared of findSharedReplies(scenario, SHARED_REPLY_WARNING_CODES)) {
    const moves = shared.codes.map((code) => {
      const examples = shared.moves.filter((m) => m.mi === code).map((m) => `'${m.choiceId}' in '${m.nodeId}'`);
      return `${MI_CODE_INFO[code].label.toLowerCase()} (${examples.join(", ")})`;
    });
    report(
      "shared-reply",
      `Node '${shared.nodeId}' answers ${shared.codes.length} different kinds of move: ${moves.join("; ")}. One line rarely fits them all: check it answers each, or give some of them a reply of their own.`,
      ["nodes", shared.nodeId],
      "key",
      shared.nodeId,
      { related: shared.moves.map((m) => ["nodes", m.nodeId, "choices", m.choiceIndex]) },
    );
  }
}

/** What a finding's plain words need beyond its path (plain-words.ts). */
type More = { facts?: DiagnosticFacts; related?: PropertyKey[][] };

type Report = (
  code: DiagnosticCode,
  message: string,
  path: PropertyKey[],
  which?: "key" | "value",
  nodeId?: string,
  more?: More,
) => void;

function checkGraph(scenario: Scenario, out: Diagnostic[], report: Report): void {
  const graph = buildGraph(scenario);
  const reversed = reverseGraph(graph);
  const endings = endingIds(scenario);
  if (endings.length === 0) {
    report(
      "no-ending",
      "The scenario has no ending. Add at least one node with 'ending: { outcome, label }'.",
      ["nodes"],
      "key",
    );
  }
  if (!Object.hasOwn(scenario.nodes, scenario.start)) return;

  const reachable = reachableFrom(graph, [scenario.start]);
  for (const id of graph.keys()) {
    if (!reachable.has(id))
      report(
        "unreachable-node",
        `No path from the start leads to node '${id}'. Add a goto to it, or delete it.`,
        ["nodes", id],
        "key",
        id,
      );
  }
  if (endings.length === 0) return;

  // Nodes already reported as broken count as exits, so one mistake is not reported twice.
  const alreadyBroken = new Set(
    out.filter((d) => d.code === "dead-end" || d.code === "goto-unknown-node").map((d) => d.nodeId!),
  );
  const canEnd = canReach(graph, [...endings, ...alreadyBroken], reversed);
  for (const id of reachable) {
    if (!canEnd.has(id)) {
      report(
        "trap",
        `From node '${id}' no ending can be reached: the conversation would go round forever. Add a way out to an ending.`,
        ["nodes", id],
        "key",
        id,
      );
    }
  }

  // Once the officer confronts or persuades, an "engaged" ending should be out of reach.
  const canEngage = canReach(graph, endingIds(scenario, "engaged"), reversed);
  for (const [id, node] of Object.entries(scenario.nodes)) {
    if (node.ending) continue;
    node.choices?.forEach((choice, i) => {
      if (choice.mi !== "confront" && choice.mi !== "persuade") return;
      if (gotoTargets(choice.goto).some((t) => canEngage.has(t))) {
        report(
          "confront-path-to-engaged",
          `Choice '${choice.id}' in node '${id}' is coded ${choice.mi}, yet an 'engaged' ending can still be reached after it. Route it to a recovery path that ends at most 'undecided'.`,
          ["nodes", id, "choices", i, "mi"],
          "value",
          id,
        );
      }
    });
  }
}
