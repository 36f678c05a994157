// JOSM's own validator run on OpenStreetMap files, offline, with its presets loaded.
//
//     java -Djava.awt.headless=true -cp /usr/share/josm/josm.jar tests/josm_check.java A.osm [B.osm...]
//
// Prints, for each file, a line "FILE <TAB> path", then one line per problem:
// severity <TAB> code <TAB> test <TAB> message: description <TAB> objects, each object as
// type:key=value,... of its type/ref/name tags (JOSM renumbers new objects), and at the end
// "TESTS <TAB> n <TAB> presets <TAB> m". Exit status 2 when a test could not run.
//
// Why not `josm validate`: that command writes only the problems it can draw as GeoJSON,
// which leaves out every problem of a route relation (it has no geometry of its own).
// This runs the same tests, plus the presets that tell the relation checker the roles
// of each kind of route, and prints every problem. The API capabilities test, the only
// one that goes online, is switched off.

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.openstreetmap.josm.data.osm.DataSet;
import org.openstreetmap.josm.data.osm.OsmDataManager;
import org.openstreetmap.josm.data.osm.OsmPrimitive;
import org.openstreetmap.josm.data.preferences.JosmBaseDirectories;
import org.openstreetmap.josm.data.preferences.JosmUrls;
import org.openstreetmap.josm.data.projection.ProjectionRegistry;
import org.openstreetmap.josm.data.projection.Projections;
import org.openstreetmap.josm.data.validation.OsmValidator;
import org.openstreetmap.josm.data.validation.Test;
import org.openstreetmap.josm.data.validation.TestError;
import org.openstreetmap.josm.data.validation.tests.ApiCapabilitiesTest;
import org.openstreetmap.josm.gui.MainApplication;
import org.openstreetmap.josm.gui.layer.OsmDataLayer;
import org.openstreetmap.josm.gui.progress.NullProgressMonitor;
import org.openstreetmap.josm.gui.tagging.presets.TaggingPresets;
import org.openstreetmap.josm.io.OsmReader;
import org.openstreetmap.josm.spi.preferences.Config;
import org.openstreetmap.josm.spi.preferences.MemoryPreferences;
import org.openstreetmap.josm.tools.Http1Client;
import org.openstreetmap.josm.tools.HttpClient;
import org.openstreetmap.josm.tools.Logging;
import org.openstreetmap.josm.tools.Territories;

public class josm_check {
    public static void main(String[] args) throws Exception {
        Config.setBaseDirectoriesProvider(JosmBaseDirectories.getInstance());
        Config.setPreferencesInstance(new MemoryPreferences());
        Config.setUrlsProvider(JosmUrls.getInstance());
        // Nothing may go online: the API address answers nothing, its test is off.
        Config.getPref().put("osm-server.url", "http://127.0.0.1:9/api");
        List<String> offline = new ArrayList<>(List.of(ApiCapabilitiesTest.class.getName()));
        Config.getPref().putList("validator.skip", offline);
        Config.getPref().putList("validator.skipBeforeUpload", offline);
        Logging.setLogLevel(Logging.LEVEL_WARN);
        HttpClient.setFactory(Http1Client::new);
        ProjectionRegistry.setProjection(Projections.getProjectionByCode("EPSG:3857"));
        Territories.initializeInternalData();
        TaggingPresets.readFromPreferences();
        OsmValidator.initialize();
        int tests = 0;
        int broken = 0;
        for (String file : args) {
            DataSet data;
            try (InputStream in = Files.newInputStream(Path.of(file))) {
                data = OsmReader.parseDataSet(in, NullProgressMonitor.INSTANCE);
            }
            // Some tests look at the active data set, as in the editor: a layer holds it.
            OsmDataLayer layer = new OsmDataLayer(data, file, null);
            MainApplication.getLayerManager().addLayer(layer);
            OsmDataManager.getInstance().setActiveDataSet(data);
            OsmValidator.initializeTests();
            System.out.println("FILE\t" + file);
            tests = 0;
            for (Test test : OsmValidator.getEnabledTests(false)) {
                if (test instanceof ApiCapabilitiesTest) {
                    continue;
                }
                try {
                    test.setBeforeUpload(false);
                    test.setPartialSelection(false);
                    test.startTest(NullProgressMonitor.INSTANCE);
                    test.visit(data.allPrimitives());
                    test.endTest();
                    tests++;
                } catch (RuntimeException failure) {
                    System.out.println("BROKEN\t" + test.getName() + "\t" + failure);
                    broken++;
                    continue;
                }
                for (TestError error : test.getErrors()) {
                    String objects = error.getPrimitives().stream()
                            .map(p -> p instanceof OsmPrimitive ? describe((OsmPrimitive) p) : String.valueOf(p))
                            .collect(Collectors.joining(" "));
                    System.out.println(error.getSeverity() + "\t" + error.getCode() + "\t" + test.getName()
                            + "\t" + error.getMessage() + ": " + error.getDescription() + "\t" + objects);
                }
                test.clear();
            }
            MainApplication.getLayerManager().removeLayer(layer);
        }
        System.out.println("TESTS\t" + tests + "\tpresets\t" + TaggingPresets.getTaggingPresets().size());
        System.out.flush();
        System.exit(broken == 0 ? 0 : 2);
    }

    private static String describe(OsmPrimitive primitive) {
        String tags = List.of("type", "ref", "name").stream()
                .filter(primitive::hasKey)
                .map(key -> key + "=" + primitive.get(key))
                .collect(Collectors.joining(","));
        return primitive.getType().getAPIName() + ":" + tags;
    }
}
