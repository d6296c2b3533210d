package dev.oxistore.blob.spi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Reads the buffers of a {@link Flow.Publisher} as a blocking stream, requesting one buffer at a
 * time, so at most one unread buffer is held however long the body is.
 */
final class PublisherInputStream extends InputStream implements Flow.Subscriber<ByteBuffer> {

    private static final Object END = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private ByteBuffer current;
    private boolean done;

    PublisherInputStream(Flow.Publisher<ByteBuffer> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(ByteBuffer item) {
        queue.add(item == null ? ByteBuffer.allocate(0) : item);
    }

    @Override
    public void onError(Throwable t) {
        queue.add(t == null ? new IllegalStateException("the publisher failed without a cause") : t);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || !current.hasRemaining()) {
            if (done) {
                return -1;
            }
            if (current != null) {
                current = null;
                subscription.request(1);
            }
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel();
                throw new InterruptedIOException("interrupted while waiting for the publisher");
            }
            if (next == END) {
                done = true;
                return -1;
            }
            if (next instanceof Throwable t) {
                done = true;
                throw new IOException("the body publisher failed: " + t, t);
            }
            current = (ByteBuffer) next;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            cancel();
        }
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
