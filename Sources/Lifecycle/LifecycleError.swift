/// Why a part of the process could not start.
public enum LifecycleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `pthread_create` failed with this error number.
    case threadCreation(errno: Int32)

    /// A sentence describing the failure.
    public var description: String {
        switch self {
        case .threadCreation(let errno): return "cannot start a thread (pthread_create error \(errno))"
        }
    }
}
