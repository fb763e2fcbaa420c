#!/usr/bin/env node
// The `lambda-concurrency` command. Each subcommand is loaded only when asked for, so `advise` never pays for the
// Pulumi SDK and `plan` never for the advisor's simulator (it reads only the advisor's price table).
import * as fs from "fs";

const USAGE = `usage: lambda-concurrency <command> [options]

commands:
  plan --program PATH [--stack NAME] [--config KEY=VALUE]...
                     what \`pulumi up\` would create for your Pulumi program, and what it costs a month, offline
                     (no AWS account, no Pulumi CLI); in a clone of this repository, \`plan [SCENARIO]\` plans a sample
  advise [options]   cold starts and cost of each strategy for a traffic, and the cheapest that meets your goal

Run \`lambda-concurrency <command> --help\` for a command's options.
`;

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const io = {
        stdout: (text: string) => void process.stdout.write(text),
        stderr: (text: string) => void process.stderr.write(text),
        isTTY: process.stderr.isTTY === true,
        writeFile: (file: string, data: string) => fs.writeFileSync(file, data),
        readFile: (file: string) => fs.readFileSync(file, "utf8"),
    };
    switch (command) {
        case "plan": {
            const { runPlan } = await import("./plan");
            return runPlan(rest, io);
        }
        case "advise": {
            const { runAdvise } = await import("./advise");
            // advise reads --help itself; -h is the same request, as for plan and the command itself.
            return runAdvise(
                rest.map((arg) => (arg === "-h" ? "--help" : arg)),
                io,
            );
        }
        case undefined:
        case "help":
        case "--help":
        case "-h":
            io.stdout(USAGE);
            return command === undefined ? 2 : 0;
        default:
            io.stderr(`lambda-concurrency: unknown command "${command}"\n${USAGE}`);
            return 2;
    }
}

main(process.argv.slice(2)).then(
    (code) => {
        process.exitCode = code;
    },
    (error: unknown) => {
        process.stderr.write(`lambda-concurrency: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
        process.exitCode = 1;
    },
);
