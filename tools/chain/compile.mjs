// Compiles contracts/PantheraAgents.sol with solc-js (the npm "solc" package: the compiler is
// JavaScript/WASM inside the package, nothing is downloaded) and writes build/PantheraAgents.json
// = {contractName, compiler, evmVersion, abi, bytecode}. Deterministic: the same sources give
// byte-identical output (the metadata hash is switched off).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const solc = require("solc");

const here = path.dirname(fileURLToPath(import.meta.url));
const contractName = "PantheraAgents";
const sourceFile = `contracts/${contractName}.sol`;
const evmVersion = "cancun";

function findImport(importPath) {
  for (const base of [here, path.join(here, "node_modules")]) {
    const file = path.join(base, importPath);
    if (fs.existsSync(file)) return { contents: fs.readFileSync(file, "utf8") };
  }
  return { error: `not found: ${importPath}` };
}

const input = {
  language: "Solidity",
  sources: { [sourceFile]: { content: fs.readFileSync(path.join(here, sourceFile), "utf8") } },
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion,
    metadata: { bytecodeHash: "none", appendCBOR: false },
    outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
const errors = (output.errors ?? []).filter((e) => e.severity === "error");
for (const e of output.errors ?? []) console.error(e.formattedMessage);
if (errors.length > 0) {
  console.error(`compile.mjs: ${errors.length} error(s)`);
  process.exit(1);
}

const contract = output.contracts[sourceFile][contractName];
const artifact = {
  contractName,
  compiler: `solc-js ${solc.version()}`,
  evmVersion,
  abi: contract.abi,
  bytecode: "0x" + contract.evm.bytecode.object,
};
fs.mkdirSync(path.join(here, "build"), { recursive: true });
const out = path.join(here, "build", `${contractName}.json`);
fs.writeFileSync(out, JSON.stringify(artifact, null, 2) + "\n");
console.log(`compile.mjs: wrote ${path.relative(here, out)} (${(artifact.bytecode.length - 2) / 2} bytes of bytecode, ${artifact.compiler})`);
