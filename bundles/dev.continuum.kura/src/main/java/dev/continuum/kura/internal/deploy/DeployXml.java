package dev.continuum.kura.internal.deploy;

import dev.continuum.api.update.InstalledPackage;
import dev.continuum.api.update.UpdateManifest.PinnedBundle;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * The XML bodies of DEPLOY-V2's {@code GET/packages} and {@code GET/bundles}, in the shapes Kura answers
 * with ({@code <packages><package><name/><version/><bundles><bundle>...}, {@code <bundles><bundle><name/>
 * <version/><id/><state/>...}).
 */
final class DeployXml {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private DeployXml() {
    }

    static String packages(List<InstalledPackage> packages) {
        StringBuilder xml = new StringBuilder(HEADER).append("<packages>");
        for (InstalledPackage dp : packages) {
            xml.append("<package>").append(element("name", dp.name())).append(element("version", dp.version()))
                    .append("<bundles>");
            for (PinnedBundle bundle : dp.bundles()) {
                xml.append("<bundle>").append(element("name", bundle.symbolicName()))
                        .append(element("version", bundle.version())).append("</bundle>");
            }
            xml.append("</bundles></package>");
        }
        return xml.append("</packages>").toString();
    }

    static String bundles(Bundle[] bundles) {
        StringBuilder xml = new StringBuilder(HEADER).append("<bundles>");
        for (Bundle bundle : bundles) {
            xml.append("<bundle>").append(element("name", String.valueOf(bundle.getSymbolicName())))
                    .append(element("version", bundle.getVersion().toString()))
                    .append(element("id", Long.toString(bundle.getBundleId())))
                    .append(element("state", state(bundle.getState()))).append("</bundle>");
        }
        return xml.append("</bundles>").toString();
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.UNINSTALLED -> "UNINSTALLED";
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNKNOWN";
        };
    }

    private static String element(String name, String text) {
        return "<" + name + ">" + escape(text) + "</" + name + ">";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
