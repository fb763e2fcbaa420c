// The body of an HTTP request, for the local AWS endpoints of the tests (local-lambda.ts, local-cloudwatch.ts).
import { IncomingMessage } from "node:http";

export function readBody(request: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        request.on("error", reject);
    });
}
