import Foundation

/// Values collected from several threads.
public final class Collector<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Element] = []

    public init() {}

    public func append(_ value: Element) { lock.withLock { stored.append(value) } }
    public func append(contentsOf values: [Element]) { lock.withLock { stored.append(contentsOf: values) } }
    public var values: [Element] { lock.withLock { stored } }
}

/// Runs `body(i)` on `count` threads at once and waits for all of them.
public func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            body(index)
        }
    }
    group.wait()
}
