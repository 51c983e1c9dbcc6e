package org.textclf.models.bundle;

/**
 * A model file that cannot be read or written: not a textclf model, truncated, tampered with, or
 * from an unsupported format version. The message names the file.
 */
public class BundleException extends RuntimeException {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
