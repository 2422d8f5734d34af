/// A first-in first-out ring buffer with a fixed capacity.
struct BoundedQueue<Element> {
    private var storage: [Element?]
    private var head = 0
    /// The number of queued elements.
    private(set) var count = 0

    /// Creates an empty queue holding at most `capacity` elements (at least one).
    init(capacity: Int) {
        storage = Array(repeating: nil, count: max(capacity, 1))
    }

    /// Whether the queue holds `capacity` elements.
    var isFull: Bool { count == storage.count }

    /// Whether the queue is empty.
    var isEmpty: Bool { count == 0 }

    /// Appends `element`; returns false (dropping nothing) when full.
    mutating func push(_ element: Element) -> Bool {
        guard !isFull else { return false }
        storage[(head + count) % storage.count] = element
        count += 1
        return true
    }

    /// Removes and returns the oldest element.
    mutating func pop() -> Element? {
        guard count > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) % storage.count
        count -= 1
        return element
    }

    /// Removes every element.
    mutating func removeAll() {
        while pop() != nil {}
    }
}

extension BoundedQueue: Sendable where Element: Sendable {}
