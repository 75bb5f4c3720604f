// One API request's work per turn of the event loop. better-sqlite3 answers synchronously, so a
// request's whole command, from its first statement to its answer, runs without giving the event
// loop back; when several requests are ready at once (a burst from a busy desk), Node would run
// them one after another in the same turn, and a timer, a new connection or the live stream would
// wait for all of them. Here each request past the body parser waits for a turn of its own: one
// request is let through per turn (setImmediate), the rest in the turns after, in arrival order.
// A request alone waits for nothing but the next turn.
import type { RequestHandler } from 'express';

export function oneRequestPerTurn(): RequestHandler {
  const waiting: (() => void)[] = [];
  let scheduled = false;
  const letNextThrough = () => {
    scheduled = false;
    const next = waiting.shift();
    // the next one in a later turn: scheduled from inside this one, it runs after the timers and
    // the network have had theirs
    if (waiting.length > 0) schedule();
    next?.();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(letNextThrough);
  };
  return (req, _res, next) => {
    // a request whose connection is gone by its turn (the client left, or the API is closing and
    // cut every connection) is not run: nobody can read its answer
    waiting.push(() => (req.socket.destroyed ? undefined : next()));
    schedule();
  };
}
