/**
 * Limits every channel's argument meets before its schema reads it, whatever the channel. They
 * are far above what any legitimate call needs and keep a hostile argument from exhausting the
 * stack or the memory of the process that checks it. An argument beyond one of them is refused
 * with INVALID_ARGUMENT, naming the limit and where in the argument it was reached.
 */

/**
 * How deep objects and arrays may nest: the deepest legitimate argument (a grid filter's list of
 * values, or a REST method's parameters) is under ten levels.
 */
export const MAX_ARGUMENT_DEPTH = 64

/**
 * How many values (objects, arrays, strings, numbers, ...) one argument may hold: fifty filters
 * of a thousand values, or five hundred product rows, are a few tens of thousands.
 */
export const MAX_ARGUMENT_NODES = 200_000

/**
 * How many characters the strings and keys of one argument may hold together: the largest
 * legitimate call, one upload chunk of 1 MiB as base64, is about 1.4 million.
 */
export const MAX_ARGUMENT_CHARS = 4_000_000
