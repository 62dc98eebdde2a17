/** Matches a colour or text-attribute escape (SGR), the codes NO_COLOR must keep out. */
export const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);
