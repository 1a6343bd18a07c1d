// Stops `npm pack` and `npm publish` of a workspace package. In the workspace,
// "exports" points at TypeScript sources; only pnpm applies "publishConfig" and
// replaces them with the dist builds, so a tarball made by npm would be broken.
const agent = process.env.npm_config_user_agent ?? '';
if (!agent.startsWith('pnpm/')) {
  console.error(
    `Packing with "${agent.split(' ')[0] || 'an unknown tool'}" is not supported: its tarball would point at TypeScript sources. ` +
      'Use "pnpm pack" or "pnpm publish", which apply publishConfig.',
  );
  process.exit(1);
}
