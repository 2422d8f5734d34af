// What a view shows when something the person did fails: the API's error as text, naming the field it names; or,
// when the session ended meanwhile, the view rendered again, which leads to the login (in a portal, to its end).
import { ApiError } from './api.js';
import { navigate } from './router.js';

/** The text to show for `error`, or `null` when the session ended and the view is being rendered again. */
export function failureText(error) {
  if (error instanceof ApiError && error.status === 401) {
    navigate(location.pathname + location.search, { replace: true });
    return null;
  }
  return error.field ? `${error.field}: ${error.message}` : error.message || String(error);
}
