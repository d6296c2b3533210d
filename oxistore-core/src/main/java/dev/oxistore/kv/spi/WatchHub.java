package dev.oxistore.kv.spi;

import dev.oxistore.kv.Bytes;
import dev.oxistore.kv.Watch;
import dev.oxistore.kv.WatchEvent;
import dev.oxistore.kv.WatchListener;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Delivers committed changes to prefix watchers, for any engine. The engine calls
 * {@link #publish} once per commit, in commit order (typically under its commit lock); events go
 * to a single daemon dispatcher thread, created on the first registration, so listeners never
 * run on, block, or throw into the engine's threads. A listener's exception is logged.
 */
public final class WatchHub implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WatchHub.class.getName());

    private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();
    private final String threadName;
    private volatile ExecutorService dispatcher;
    private volatile boolean closed;

    /** A hub whose dispatcher thread is named after {@code storeName}. */
    public WatchHub(String storeName) {
        this.threadName = "oxistore-watch-" + storeName;
    }

    /** Registers a listener for keys of {@code keyspace} starting with {@code prefix}. */
    public Watch register(String keyspace, byte[] prefix, WatchListener listener) {
        if (listener == null) {
            throw new dev.oxistore.kv.InvalidArgumentException("watch listener is null");
        }
        if (prefix == null) {
            throw new dev.oxistore.kv.InvalidArgumentException("watch prefix is null: use an empty array to watch every key");
        }
        if (!ensureDispatcher()) {
            throw new dev.oxistore.kv.StoreClosedException("store is closed: watch() after close()");
        }
        Registration r = new Registration(keyspace, prefix.clone(), listener);
        registrations.add(r);
        return r;
    }

    /** True when some registration is live: engines skip building events otherwise. */
    public boolean hasWatchers() {
        return !registrations.isEmpty();
    }

    /**
     * Queues the events of one commit for delivery. Call in commit order. Events with no
     * matching registration are dropped here, before they are queued.
     */
    public void publish(List<WatchEvent> events) {
        if (registrations.isEmpty() || events.isEmpty() || closed) {
            return;
        }
        List<Delivery> deliveries = new ArrayList<>();
        for (WatchEvent e : events) {
            for (Registration r : registrations) {
                if (r.matches(e)) {
                    deliveries.add(new Delivery(r, e));
                }
            }
        }
        if (deliveries.isEmpty()) {
            return;
        }
        try {
            dispatcher.execute(() -> deliveries.forEach(Delivery::deliver));
        } catch (RejectedExecutionException ignored) {
            // the store closed between the check and the hand-off; events of a closing store are dropped
        }
    }

    /** Delivers what is queued (waiting up to 5 s), then stops the dispatcher. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        ExecutorService d = dispatcher;
        if (d != null) {
            d.shutdown();
            try {
                if (!d.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "watch listeners still running 5 s after close; abandoning them");
                    d.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        registrations.clear();
    }

    /** Starts the dispatcher on first use; false once the hub is closed. */
    private synchronized boolean ensureDispatcher() {
        if (closed) {
            return false;
        }
        if (dispatcher == null) {
            dispatcher = Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, threadName);
                t.setDaemon(true);
                return t;
            });
        }
        return true;
    }

    private record Delivery(Registration registration, WatchEvent event) {
        void deliver() {
            if (!registration.active) {
                return;
            }
            try {
                registration.listener.onEvent(event);
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.WARNING, "watch listener failed on " + event + "; delivery goes on", e);
            }
        }
    }

    private final class Registration implements Watch {
        final String keyspace;
        final byte[] prefix;
        final WatchListener listener;
        volatile boolean active = true;

        Registration(String keyspace, byte[] prefix, WatchListener listener) {
            this.keyspace = keyspace;
            this.prefix = prefix;
            this.listener = listener;
        }

        boolean matches(WatchEvent e) {
            return active && keyspace.equals(e.keyspace()) && Bytes.startsWith(e.key(), prefix);
        }

        @Override
        public void close() {
            active = false;
            registrations.remove(this);
        }
    }
}
