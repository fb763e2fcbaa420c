/** A bad flag or flag value: printed with the usage hint, exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}
