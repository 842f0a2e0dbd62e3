/** Whether a Content-Type is an HTML form's (application/x-www-form-urlencoded, any case, any parameters). */
export function isFormType(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);
}
