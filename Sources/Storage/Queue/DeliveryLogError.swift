/// A delivery-log request that cannot be answered as asked.
public enum DeliveryLogError: Error, Equatable, CustomStringConvertible {
    /// The pagination cursor was not one this service issued (answer 400).
    case invalidCursor

    public var description: String {
        switch self {
        case .invalidCursor: "the cursor is malformed"
        }
    }
}
