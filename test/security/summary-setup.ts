// Once per Vitest run: a folder where each security test file leaves its tally, and at the end
// one summary line for the whole adversarial suite: `security: <n> requests, <m> unexpected`.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    securityTallyDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engage-security-"));
  project.provide("securityTallyDir", dir);
  return () => {
    const tallies = fs
      .readdirSync(dir)
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { requests: number; unexpected: number });
    fs.rmSync(dir, { recursive: true, force: true });
    if (tallies.length === 0) return;
    const requests = tallies.reduce((n, t) => n + t.requests, 0);
    const unexpected = tallies.reduce((n, t) => n + t.unexpected, 0);
    console.log(`security: ${requests} requests, ${unexpected} unexpected`);
  };
}
