// Preloaded into the Hardhat node that the Java tests start (node --require ./exit-with-parent.cjs):
// the JVM holds the node's stdin open, so when the JVM ends in any way (even killed), stdin closes
// and the node exits instead of lingering on its port.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
