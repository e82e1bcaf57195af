/** Where the CLI writes and what it knows of its terminal: the process's own streams, or a test's. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Rewrites the one progress line on a terminal; an empty text clears it. */
  progress: (text: string) => void;
  isTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}
