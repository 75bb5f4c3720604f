// oneRequestPerTurn: requests that are ready together are let through one per turn of the event
// loop, in the order they came, so a timer due meanwhile runs between them rather than after all.
import type { AddressInfo } from 'node:net';
import http from 'node:http';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { oneRequestPerTurn } from '../../mock-api/requestTurns';

type Step = { label: string; turn: number };

/** a request whose client is still connected (or not) */
const request = (connected = true) => ({ socket: { destroyed: !connected } }) as express.Request;

function middlewareAlone(requests: string[]) {
  const steps: Step[] = [];
  let turn = 0;
  // a counter moved on by every turn of the loop, to tell turns apart
  const ticker = setInterval(() => (turn += 1), 0);
  const middleware = oneRequestPerTurn();
  const passed = requests.map(
    (label) =>
      new Promise<void>((resolve) => {
        const req = request();
        const res = {} as express.Response;
        middleware(req, res, () => {
          steps.push({ label, turn });
          // synchronous work, as a better-sqlite3 command is
          const until = Date.now() + 3;
          while (Date.now() < until);
          resolve();
        });
      }),
  );
  return { steps, done: Promise.all(passed).finally(() => clearInterval(ticker)) };
}

describe('oneRequestPerTurn', () => {
  it('lets requests through in arrival order, none in the turn it arrived in', async () => {
    let passedSynchronously = false;
    const middleware = oneRequestPerTurn();
    const through = new Promise<void>((resolve) =>
      middleware(request(), {} as express.Response, () => {
        passedSynchronously = true;
        resolve();
      }),
    );
    expect(passedSynchronously).toBe(false);
    await through;

    const { steps, done } = middlewareAlone(['a', 'b', 'c', 'd', 'e']);
    await done;
    expect(steps.map((s) => s.label)).toEqual(['a', 'b', 'c', 'd', 'e']);
    // each in a turn of its own: the interval, due after every 3 ms of work, ran between them
    for (let i = 1; i < steps.length; i++) expect(steps[i].turn).toBeGreaterThan(steps[i - 1].turn);
  });

  it('does not run a request whose connection is gone by its turn', async () => {
    const middleware = oneRequestPerTurn();
    const ran: string[] = [];
    middleware(request(false), {} as express.Response, () => ran.push('gone'));
    await new Promise<void>((resolve) =>
      middleware(request(), {} as express.Response, () => {
        ran.push('connected');
        resolve();
      }),
    );
    expect(ran).toEqual(['connected']);
  });

  it('gives a timer due during a burst its turn between requests, not after the burst', async () => {
    const order: string[] = [];
    const middleware = oneRequestPerTurn();
    const passed = ['r1', 'r2', 'r3', 'r4'].map(
      (label) =>
        new Promise<void>((resolve) =>
          middleware(request(), {} as express.Response, () => {
            order.push(label);
            // the timer is set by the first request's work, so it is due before the second's turn
            // however loaded the machine is
            if (label === 'r1') setTimeout(() => order.push('timer'), 0);
            const until = Date.now() + 5;
            while (Date.now() < until);
            resolve();
          }),
        ),
    );
    await Promise.all(passed);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const timerAt = order.indexOf('timer');
    expect(timerAt).toBeGreaterThan(order.indexOf('r1'));
    expect(timerAt).toBeLessThan(order.indexOf('r4'));
  });
});

describe('oneRequestPerTurn on a real server', () => {
  let server: http.Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('answers every one of many simultaneous requests, each once', async () => {
    const app = express();
    app.use('/api', oneRequestPerTurn());
    let served = 0;
    app.get('/api/echo/:n', (req, res) => {
      served += 1;
      res.json({ n: Number(req.params.n) });
    });
    app.get('/outside', (_req, res) => res.json({ outside: true }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        fetch(`http://127.0.0.1:${port}/api/echo/${n}`).then((r) => r.json() as Promise<{ n: number }>),
      ),
    );
    expect(answers.map((a) => a.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(served).toBe(40);
    const outside = await fetch(`http://127.0.0.1:${port}/outside`);
    expect(await outside.json()).toEqual({ outside: true });
  });
});
