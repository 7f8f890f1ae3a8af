import { afterAll, afterEach, beforeEach, expect } from 'vitest'
import { takePageErrors } from './page-errors'

/**
 * Every end-to-end test fails when a page it drove threw or logged a console error or warning (pages of
 * browsers from launchChromium are watched). Errors are blamed on the span they happened in.
 */
beforeEach(() => {
  expect(takePageErrors(), 'page errors before this test began (file setup, or late from the previous test)').toEqual(
    []
  )
})
afterEach(() => {
  expect(takePageErrors(), 'page errors during this test').toEqual([])
})
afterAll(() => {
  expect(takePageErrors(), 'page errors after the last test of the file').toEqual([])
})
