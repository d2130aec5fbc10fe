package dev.panthera.deploy.provider.docker;

/**
 * An image reference split the way the Engine API's pull wants it: {@code fromImage} without the
 * tag and {@code tag} (a tag or a digest); no tag means {@code latest}, never "all tags".
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String image) {
        int at = image.indexOf('@');
        if (at >= 0) {
            return new ImageRef(image.substring(0, at), image.substring(at + 1));
        }
        int colon = image.lastIndexOf(':');
        // A colon before the last slash is a registry port (registry:5000/agent), not a tag.
        if (colon > image.lastIndexOf('/')) {
            return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
        }
        return new ImageRef(image, "latest");
    }
}
