/**
 * A lifecycle's table of legal moves, for checking a transition function exhaustively: `pairs` is every
 * (state, action) pair, `to` the state the table says a pair leads to (undefined: the move must be refused).
 * Keys are "<state> <action>" and targets are states, both checked against the lifecycle's own names.
 */
export function transitionTable<S extends string, A extends string>(
  states: readonly S[],
  actions: readonly A[],
  legal: Partial<Record<`${S} ${A}`, S>>,
): { pairs: [S, A][]; to(state: S, action: A): S | undefined } {
  return {
    pairs: states.flatMap((s) => actions.map((a): [S, A] => [s, a])),
    to: (state, action) => legal[`${state} ${action}`],
  };
}
