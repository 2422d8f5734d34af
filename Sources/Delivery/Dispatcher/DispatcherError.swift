/// A ``Dispatcher`` could not be set up or started.
public struct DispatcherError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public let description: String
}
