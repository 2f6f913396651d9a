package chipmix.cli;

import picocli.CommandLine.IVersionProvider;

/** Version from the jar manifest, or "development" when run from classes. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = ChipmixCommand.class.getPackage().getImplementationVersion();
    return new String[] {"chipmix " + (v == null ? "development build" : v)};
  }
}
