import Lifecycle
internal import Synchronization

/// A fixed set of threads running responders that may block, fed by a bounded queue.
///
/// `submit` never blocks: when the queue is full it returns false and the caller answers 503.
/// Each finished request is posted back to the event loop that owns its connection.
final class WorkerPool: Sendable {
    private struct State: Sendable {
        var queue: BoundedQueue<WorkItem>
        var stopping = false
    }

    private let state: ConditionLock<State>
    private let responder: any HTTPResponder
    private let threads = Mutex<[JoinableThread]>([])
    private let busy = Atomic<Int>(0)

    /// Creates a pool whose queue holds at most `queueCapacity` waiting requests.
    init(responder: any HTTPResponder, queueCapacity: Int) {
        self.responder = responder
        state = ConditionLock(State(queue: BoundedQueue(capacity: queueCapacity)))
    }

    /// Starts `count` worker threads.
    func start(count: Int) throws(HTTPServerError) {
        for _ in 0..<max(count, 1) {
            let thread = try JoinableThread.startServerThread(name: "http-worker") { [self] in runWorker() }
            threads.withLock { $0.append(thread) }
        }
    }

    /// Queues `item` for a worker; false when the queue is full or the pool is stopping.
    func submit(_ item: WorkItem) -> Bool {
        let accepted = state.withLock { state in
            !state.stopping && state.queue.push(item)
        }
        if accepted { state.signal() }
        return accepted
    }

    /// Requests waiting for a worker.
    var queuedCount: Int { state.withLock { $0.queue.count } }

    /// Workers running a responder.
    var busyCount: Int { busy.load(ordering: .relaxed) }

    /// Drops waiting requests, lets running ones finish, and joins every worker thread.
    func shutdown() {
        state.withLock { state in
            state.stopping = true
            state.queue.removeAll()
        }
        state.broadcast()
        let started = threads.withLock { threads in
            defer { threads.removeAll() }
            return threads
        }
        for thread in started { thread.join() }
    }

    private func runWorker() {
        while true {
            let next: WorkItem? = state.wait(until: { $0.stopping || !$0.queue.isEmpty }) { state in
                state.stopping ? nil : state.queue.pop()
            }
            guard let item = next else { return }
            busy.add(1, ordering: .relaxed)
            var context = item.context
            let response = ErrorRendering.respond(with: responder, to: item.request, context: &context)
            busy.subtract(1, ordering: .relaxed)
            item.loop.post(.completed(item.connection, response))
        }
    }
}
