import type { z } from 'zod'

/** A channel: the runtime schema of its argument and, as a phantom type, its result. */
export interface Channel<Input extends z.ZodType, Output> {
  input: Input
  /** Never read at run time; carries the result type. */
  output?: Output
}

/** `channel<Result>()(argumentSchema)`: the result type is given, the argument type is inferred. */
export const channel =
  <Output>() =>
  <Input extends z.ZodType>(input: Input): Channel<Input, Output> => ({ input })
