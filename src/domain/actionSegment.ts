// The URL segment of a workflow action's route, `/api/<resource>/:id/<segment>`: request_info →
// request-info. One rule for the engine's routes and the data provider's methods; its own module,
// free of zod and the workflow rules, because the data provider is on the queue's first page.
export function actionSegment(action: string): string {
  return action.replace(/_/g, '-');
}
