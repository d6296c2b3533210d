package dev.oxistore.cache.internal;

/** An intrusive doubly linked list of nodes, head = least recent, with its total weight. */
final class NodeList<K, V> {
    private Node<K, V> head;
    private Node<K, V> tail;
    long weight;
    int size;

    Node<K, V> head() {
        return head;
    }

    boolean isEmpty() {
        return head == null;
    }

    /** Links {@code n} at the most recent end. */
    void addLast(Node<K, V> n) {
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        n.list = this;
        weight += n.weight;
        size++;
    }

    void unlink(Node<K, V> n) {
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = null;
        n.next = null;
        n.list = null;
        weight -= n.weight;
        size--;
    }

    void moveToLast(Node<K, V> n) {
        if (tail != n) {
            unlink(n);
            addLast(n);
        }
    }
}
