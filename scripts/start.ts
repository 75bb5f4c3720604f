// `npm start` after the seed: the desk's API and web app, the demo wallet's backend and, unless
// SIMULATE=0, the simulated customers (README "Live demo"). The desk's two stop everything when one
// of them fails; the wallet and the simulator are the demo around it, so their failing (say, a desk
// without the platform routes) is logged and leaves the desk running.
import concurrently from 'concurrently';

const demo = (script: string) => `npm run ${script} || echo "[${script}] stopped; the desk keeps running"`;

const commands = [
  { name: 'api', command: 'npm run api', prefixColor: 'blue' },
  { name: 'web', command: 'npm run dev', prefixColor: 'green' },
  { name: 'wallet', command: demo('wallet'), prefixColor: 'magenta' },
  ...(process.env.SIMULATE === '0'
    ? []
    : [{ name: 'sim', command: demo('simulate'), prefixColor: 'yellow' }]),
];

const { result } = concurrently(commands, { killOthersOn: ['failure'], prefix: 'name' });
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
