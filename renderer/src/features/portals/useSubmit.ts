import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { describeError } from '../../i18n/describe-error'

/**
 * Runs a form's action with a busy flag and a translated error message. The form's inputs are
 * left untouched on failure, so nothing the user typed is lost.
 */
export function useSubmit<T>(action: () => Promise<T>) {
  const { t } = useI18n()
  const busy = ref(false)
  const error = ref<string>()
  async function submit(): Promise<T | undefined> {
    if (busy.value) return undefined
    busy.value = true
    error.value = undefined
    try {
      return await action()
    } catch (failure) {
      error.value = describeError(t, failure)
      return undefined
    } finally {
      busy.value = false
    }
  }
  return { busy, error, submit }
}
