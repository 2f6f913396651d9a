package chipmix.web;

import java.util.List;

/** The routes of one capability (chips, export, training, inference, scenarios). */
public interface ApiModule {
  List<ApiRoute> routes();
}
