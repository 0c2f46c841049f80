import { runDlqCommand } from './dlq-command';

/** `npm run dlq -- list | show <seq> | replay <seq>… | replay --all | delete <seq>…` (see DLQ_USAGE). */
runDlqCommand(process.argv.slice(2), { write: (text) => process.stdout.write(text), env: process.env })
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    process.stderr.write(`dlq: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
