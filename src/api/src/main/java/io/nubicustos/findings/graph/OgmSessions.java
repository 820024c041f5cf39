package io.nubicustos.findings.graph;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.neo4j.driver.Driver;
import org.neo4j.ogm.drivers.bolt.driver.BoltDriver;
import org.neo4j.ogm.session.SessionFactory;

import io.nubicustos.findings.graph.entity.Asset;

/**
 * Neo4j OGM over the API's one Bolt driver, mapping the entities of {@code graph.entity}. The
 * OGM driver wraps the native one as is: configuring it would close and rebuild the native
 * driver, and closing the factory would close it too, so the driver's own producer does that.
 */
public class OgmSessions {

    @Produces
    @ApplicationScoped
    SessionFactory sessionFactory(Driver driver) {
        return new SessionFactory(new BoltDriver(driver), Asset.class.getPackageName());
    }
}
