package dev.oxistore.kv.lsm;

/**
 * A test hook for the crash harness: with {@code lsm.phaseTrace=true} the engine prints
 * {@code PHASE <wal|flush|compaction> BEGIN} and {@code ... END} lines on stdout around each
 * phase, so the harness can kill the process inside one and count where kills landed;
 * {@code lsm.phasePauseMillis} stretches flush and compaction in their middle (after the table
 * bytes are written, before they are made durable and installed) so kills land there. Off by
 * default and free when off.
 */
final class PhaseTrace {

    static final PhaseTrace OFF = new PhaseTrace(false, 0);

    private final boolean enabled;
    private final int pauseMillis;

    PhaseTrace(boolean enabled, int pauseMillis) {
        this.enabled = enabled;
        this.pauseMillis = pauseMillis;
    }

    static PhaseTrace of(LsmOptions o) {
        return o.phaseTrace() ? new PhaseTrace(true, o.phasePauseMillis()) : OFF;
    }

    void begin(String phase) {
        print(phase, "BEGIN");
    }

    void end(String phase) {
        print(phase, "END");
    }

    void pause() {
        if (enabled && pauseMillis > 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void print(String phase, String what) {
        if (enabled) {
            synchronized (System.out) {
                System.out.println("PHASE " + phase + " " + what);
                System.out.flush();
            }
        }
    }
}
