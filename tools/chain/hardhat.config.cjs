// Hardhat 2 is used only as a local EVM node (`npx hardhat node`); it never compiles here (the
// contract is compiled with solc-js by compile.mjs), so it never needs to download a compiler.
/** @type import('hardhat/config').HardhatUserConfig */
module.exports = {
  defaultNetwork: "hardhat",
  networks: {
    hardhat: {
      chainId: 31337,
      mining: { auto: true, interval: 0 },
    },
  },
  // Keep Hardhat's own compile pipeline away from contracts/ (it would try to download solc).
  paths: { sources: "./hardhat-sources", cache: "./cache", artifacts: "./artifacts" },
};
