package deadzone.registry;

import deadzone.error.UserException;

/** A registry that breaks a rule: one line naming the file, the entry and the field. */
public class RegistryException extends UserException {
    public RegistryException(String message) {
        super(message);
    }
}
