import CWaymarkText

/// What the program asks of its memory allocator.
public enum Allocator {
    /// Large pages for the memory the allocator maps from now on, where the allocator and the
    /// system have them (`waymark_allocator_prefer_large_pages`): for a command that fills
    /// hundreds of megabytes, such as `validate` over a large tree, not for one that shows a
    /// screen and waits. Whether they were asked for.
    @discardableResult
    public static func preferLargePages() -> Bool { waymark_allocator_prefer_large_pages() == 1 }
}
