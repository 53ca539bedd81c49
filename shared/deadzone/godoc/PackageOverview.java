package deadzone.godoc;

/**
 * How a package's overview document is told from its identifiers' documents once stored: its url
 * ends with pkg.go.dev's anchor for the package overview, every identifier's with its name.
 */
public final class PackageOverview {
    /** pkg.go.dev's anchor for a package's overview: {@code https://pkg.go.dev/<import path>#pkg-overview}. */
    public static final String ANCHOR = "pkg-overview";

    private PackageOverview() {
    }

    /** Whether {@code url} is the address of a Go package's overview document. */
    public static boolean isOverviewUrl(String url) {
        return url.endsWith("#" + ANCHOR);
    }
}
