require 'sinatra'

get '/' do
  erb :index
end

get '/frank-says' do
  'Put this in your pipe & smoke it!'
end
