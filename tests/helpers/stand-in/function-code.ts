// A deployed function's code, as the stand-in account holds it: the `code` archive the engine sent the provider
// (Pulumi's serialized AssetArchive: an object with the archive signature and `assets`, each a serialized asset with
// `text` or a file `path`; or an archive of a folder `path`), written out to a folder of its own so that the local
// Invoke endpoint can load the handler from it. The folder's parent has a `node_modules` link to the repository's, as
// Lambda's Node.js runtimes provide the AWS SDK for JavaScript v3 to every function (Lambda developer guide,
// "Building Lambda functions with Node.js"): the warmer's code requires @aws-sdk/client-lambda from there.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/** Pulumi's serialization signatures (sdk/go/common/resource/sig: AssetSig, ArchiveSig). */
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";

const REPOSITORY_NODE_MODULES = path.resolve(__dirname, "..", "..", "..", "node_modules");

export interface MaterializedCode {
    /** The archive's hash (or one of its serialization): the same code gets the same key. */
    readonly key: string;
    readonly directory: string;
    /** The handler's module file and export, from the function's `handler` setting (`index.handler`). */
    readonly handlerModule: string;
    readonly handlerExport: string;
}

type Serialized = Record<string, unknown>;

export class FunctionCodeStore {
    private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-concurrency-stand-in-code-"));
    private readonly written = new Map<string, string>();

    constructor() {
        fs.symlinkSync(REPOSITORY_NODE_MODULES, path.join(this.root, "node_modules"), "dir");
    }

    /** Writes the function's code out (once per distinct archive) and says where its handler is. */
    public materialize(functionName: string, configuration: Readonly<Record<string, unknown>>): MaterializedCode {
        const code = configuration.code as Serialized | undefined;
        if (code === undefined || code[SIG_KEY] !== ARCHIVE_SIG) {
            throw new Error(`the AWS stand-in runs only functions deployed from an archive (code); ${functionName} has ${JSON.stringify(code)?.slice(0, 200)}`);
        }
        const key = typeof code.hash === "string" ? code.hash : createHash("sha256").update(JSON.stringify(code)).digest("hex");
        let directory = this.written.get(key);
        if (directory === undefined) {
            directory = path.join(this.root, key.slice(0, 16));
            writeArchive(code, directory, functionName);
            this.written.set(key, directory);
        }
        const handler = typeof configuration.handler === "string" ? configuration.handler : "index.handler";
        const dot = handler.lastIndexOf(".");
        return { key, directory, handlerModule: path.join(directory, `${handler.slice(0, dot)}.js`), handlerExport: handler.slice(dot + 1) };
    }

    /** Removes every folder written. */
    public close(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

function writeArchive(archive: Serialized, directory: string, functionName: string): void {
    fs.mkdirSync(directory, { recursive: true });
    if (typeof archive.path === "string") {
        fs.cpSync(archive.path, directory, { recursive: true });
        return;
    }
    const assets = (archive.assets ?? {}) as Record<string, Serialized>;
    for (const [name, entry] of Object.entries(assets)) {
        const target = path.join(directory, name);
        if (entry[SIG_KEY] === ARCHIVE_SIG) {
            writeArchive(entry, target, functionName);
        } else if (entry[SIG_KEY] === ASSET_SIG && typeof entry.text === "string") {
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.writeFileSync(target, entry.text);
        } else if (entry[SIG_KEY] === ASSET_SIG && typeof entry.path === "string") {
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.copyFileSync(entry.path, target);
        } else {
            throw new Error(`the AWS stand-in cannot unpack ${name} of ${functionName}'s code (a remote asset or an unknown form)`);
        }
    }
}
