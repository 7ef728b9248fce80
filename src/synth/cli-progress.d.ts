/**
 * @module synth/cli-progress
 * The little of `cli-progress` (a dependency without bundled types) that `samaki synth` uses.
 */
declare module 'cli-progress' {
  export interface Preset {
    barCompleteChar: string;
    barIncompleteChar: string;
  }
  export const Presets: { legacy: Preset; shades_classic: Preset };
  export class SingleBar {
    constructor(
      options: {
        format?: string;
        stream?: NodeJS.WritableStream;
        hideCursor?: boolean;
        clearOnComplete?: boolean;
        noTTYOutput?: boolean;
      },
      preset?: Preset,
    );
    start(total: number, value: number, payload?: Record<string, unknown>): void;
    update(value: number, payload?: Record<string, unknown>): void;
    stop(): void;
  }
}
