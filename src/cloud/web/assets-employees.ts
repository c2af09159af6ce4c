// The employees section's part of the stylesheet and script (the clock selection dialog, unsaved changes).
export const EMPLOYEE_CSS = `
.pencil { color: var(--orange); }
`;

export const EMPLOYEE_JS = ``;
